import { useId, useState, type InputHTMLAttributes, type ReactNode, type Ref } from 'react';
import { isValidationKey } from '@/lib/forms/fields';
import { interpolate } from '@/lib/i18n';
import { useFormMessages } from '@/lib/i18n/form-messages';
import { cn } from '@/lib/cn';
import { normalizeWhatsapp } from '@/lib/whatsapp';
import { Icon } from './ui/icon';
import { Input } from './ui/input';

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'ref'> & {
  label: string;
  /** A ValidationKey (translated here) or a server message. */
  error?: string | undefined;
  hint?: ReactNode;
  /** Shown after the label, e.g. "(opsional)". */
  labelNote?: string;
  ref?: Ref<HTMLInputElement>;
  /** Something inside the input on the right (e.g. a show-password button). */
  trailing?: ReactNode;
};

/** A labelled input with its hint and error wired up through aria-describedby. */
export function TextField({
  label,
  error,
  hint,
  labelNote,
  trailing,
  id,
  className,
  ...props
}: TextFieldProps) {
  const m = useFormMessages();
  const generatedId = useId();
  const inputId = id ?? generatedId;
  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;
  const message = error ? (isValidationKey(error) ? m.validation[error] : error) : undefined;
  // The error replaces the hint: it says what to type, and one message reads better than two.
  const showHint = Boolean(hint) && !message;
  const describedBy = [showHint ? hintId : null, message ? errorId : null].filter(Boolean).join(' ');

  return (
    <div className={cn('space-y-1.5', className)}>
      <label htmlFor={inputId} className="block text-sm font-medium text-fg">
        {label}
        {labelNote && <span className="ml-1 font-normal text-fg-subtle">{labelNote}</span>}
      </label>
      <div className="relative">
        <Input
          id={inputId}
          aria-invalid={message ? true : undefined}
          aria-describedby={describedBy || undefined}
          className={cn(
            'aria-[invalid=true]:border-danger/80',
            trailing ? 'pr-12' : undefined,
          )}
          {...props}
        />
        {trailing && <div className="absolute inset-y-0 right-0 flex items-center pr-1">{trailing}</div>}
      </div>
      {showHint && (
        <p id={hintId} className="text-xs text-fg-subtle">
          {hint}
        </p>
      )}
      {message && (
        <p id={errorId} className="flex items-start gap-1.5 text-sm text-danger">
          <Icon name="alert" className="mt-0.5 h-4 w-4" />
          <span>{message}</span>
        </p>
      )}
    </div>
  );
}

/** A password input with a show/hide button. */
export function PasswordField(props: Omit<TextFieldProps, 'type' | 'trailing'>) {
  const m = useFormMessages();
  const [visible, setVisible] = useState(false);
  return (
    <TextField
      {...props}
      type={visible ? 'text' : 'password'}
      autoCapitalize="none"
      autoCorrect="off"
      spellCheck={false}
      trailing={
        <button
          type="button"
          className="flex h-9 w-10 items-center justify-center rounded-lg text-fg-muted hover:bg-glass-strong hover:text-fg"
          aria-pressed={visible}
          aria-label={visible ? m.forms.hidePassword : m.forms.showPassword}
          onClick={() => setVisible((shown) => !shown)}
        >
          <Icon name={visible ? 'eyeOff' : 'eye'} className="h-5 w-5" />
        </button>
      }
    />
  );
}

/** An email address, with the keyboard, autofill and spelling settings every form wants. */
export function EmailField(props: Omit<TextFieldProps, 'label'> & { label?: string }) {
  const m = useFormMessages();
  return (
    <TextField
      label={m.forms.email}
      type="email"
      inputMode="email"
      autoComplete="email"
      autoCapitalize="none"
      spellCheck={false}
      placeholder={m.forms.emailPlaceholder}
      required
      {...props}
    />
  );
}

/** An optional Indonesian WhatsApp number; the hint shows the +628… form it is saved as. */
export function WhatsappField(props: Omit<TextFieldProps, 'type' | 'hint'>) {
  const m = useFormMessages();
  const typed = typeof props.value === 'string' ? props.value : '';
  const normalised = typed.trim() ? normalizeWhatsapp(typed) : null;
  return (
    <TextField
      labelNote={m.forms.optional}
      inputMode="tel"
      autoComplete="tel-national"
      placeholder={m.forms.whatsappPlaceholder}
      {...props}
      type="tel"
      hint={
        normalised ? (
          <span data-testid="whatsapp-preview">
            {interpolate(m.forms.whatsappNormalised, { number: normalised })}
          </span>
        ) : (
          m.forms.whatsappHint
        )
      }
    />
  );
}
