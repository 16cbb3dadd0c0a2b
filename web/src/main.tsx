import '@fontsource-variable/inter/wght.css';
import './index.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { ConfigError } from './app/config-error';
import { loadRuntimeConfig } from './config/runtime-config';
import { configureApi } from './lib/api-client';

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');
const root = createRoot(container);

// Nothing renders before the runtime config is known: every API call needs it.
loadRuntimeConfig().then(
  (config) => {
    configureApi({ baseUrl: config.apiUrl });
    root.render(
      <StrictMode>
        <App config={config} />
      </StrictMode>,
    );
  },
  (error: unknown) => {
    console.warn('RuangPremium: could not load the runtime config', error);
    root.render(<ConfigError />);
  },
);
