// Adds up the gzipped JavaScript and CSS each route downloads (the entry chunk,
// the route's lazy chunk and everything they import statically) and fails when a
// route is over the budget of QUALITY_GOALS P7: 150 KiB of JS per route.
// Run after `npm run build`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const JS_BUDGET = 150 * 1024;
// supabase-js is not part of any route: it is imported on demand (signed-in
// visitors, the account pages) after the page has rendered. It gets its own
// budget so that it cannot grow unnoticed.
const AUTH_CLIENT_BUDGET = 64 * 1024;
const AUTH_CLIENT_MODULE = 'src/lib/auth/supabase-client.ts';
const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const manifest = JSON.parse(readFileSync(path.join(dist, '.vite', 'manifest.json'), 'utf8'));

const gzSize = (file) => gzipSync(readFileSync(path.join(dist, file)), { level: 9 }).length;

function closure(key, seen = new Set()) {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const imported of manifest[key]?.imports ?? []) closure(imported, seen);
  return seen;
}

const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);
const routeKeys = Object.keys(manifest).filter((key) => key.startsWith('src/app/routes/'));
const rows = [['home (entry)', closure(entryKey)]];
for (const key of routeKeys) {
  if (!manifest[key].isDynamicEntry) continue;
  rows.push([path.basename(key, '.tsx'), closure(key, closure(entryKey))]);
}

let failed = false;
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
console.log('route'.padEnd(16), 'JS gz'.padStart(10), 'CSS gz'.padStart(10));
for (const [name, keys] of rows) {
  const files = [...keys].map((key) => manifest[key]);
  const js = files.reduce((sum, chunk) => sum + gzSize(chunk.file), 0);
  const css = [...new Set(files.flatMap((chunk) => chunk.css ?? []))].reduce((sum, file) => sum + gzSize(file), 0);
  const over = js > JS_BUDGET;
  failed ||= over;
  console.log(name.padEnd(16), kib(js).padStart(10), kib(css).padStart(10), over ? '  OVER BUDGET' : '');
}
console.log(`budget: ${kib(JS_BUDGET)} of gzipped JS per route`);

if (manifest[AUTH_CLIENT_MODULE]) {
  const keys = [...closure(AUTH_CLIENT_MODULE)].filter((key) => !closure(entryKey).has(key));
  const js = keys.reduce((sum, key) => sum + gzSize(manifest[key].file), 0);
  const over = js > AUTH_CLIENT_BUDGET;
  failed ||= over;
  console.log(
    `auth client (supabase-js, loaded on demand after render): ${kib(js)} of ${kib(AUTH_CLIENT_BUDGET)}`,
    over ? '  OVER BUDGET' : '',
  );
}
process.exit(failed ? 1 : 0);
