// A small controlled-form hook around a zod/mini schema: values as strings, one
// message per field, and focus moved to the first invalid field. Errors appear when
// the form is submitted and then follow the input as it is typed; they never appear
// on blur, where a message pushing the submit button down would swallow the click
// that caused the blur. Typed input is never cleared by a failed submit.
import { useCallback, useRef, useState, type ChangeEvent } from 'react';
import * as z from 'zod/mini';

/** A field's error: a ValidationKey from the schema, or a server's localised text. */
export type FieldErrors<Name extends string> = Partial<Record<Name, string>>;

type FieldElement = HTMLInputElement | HTMLTextAreaElement;

export function fieldErrorsOf<Name extends string>(
  schema: z.ZodMiniType,
  values: Record<Name, string>,
): FieldErrors<Name> {
  const result = z.safeParse(schema, values);
  if (result.success) return {};
  const errors: FieldErrors<Name> = {};
  for (const issue of result.error.issues) {
    const name = issue.path[0];
    if (typeof name === 'string' && name in values && !(name in errors)) {
      errors[name as Name] = issue.message;
    }
  }
  return errors;
}

export function useForm<Name extends string, Output>(
  schema: z.ZodMiniType<Output, Record<Name, string>>,
  initialValues: Record<Name, string>,
) {
  const [values, setValues] = useState(initialValues);
  const [errors, setErrors] = useState<FieldErrors<Name>>({});
  const [submitted, setSubmitted] = useState(false);
  const elements = useRef(new Map<Name, FieldElement>());
  const order = Object.keys(initialValues) as Name[];

  const focusFirst = useCallback(
    (failed: FieldErrors<Name>) => {
      const first = order.find((name) => failed[name]);
      if (first) elements.current.get(first)?.focus();
    },
    // `order` follows the initial values, which never change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );

  function setValue(name: Name, value: string) {
    const next = { ...values, [name]: value };
    setValues(next);
    const current = fieldErrorsOf(schema, next);
    if (submitted) {
      setErrors(current);
    } else if (errors[name]) {
      // Clear (or update) the message as soon as the input is fixed.
      setErrors((previous) => ({ ...previous, [name]: current[name] }));
    }
  }

  /** Checks every field; returns the parsed output, or null after showing the errors. */
  function validate(): Output | null {
    setSubmitted(true);
    const result = z.safeParse(schema, values);
    if (result.success) {
      setErrors({});
      return result.data;
    }
    const failed = fieldErrorsOf(schema, values);
    setErrors(failed);
    focusFirst(failed);
    return null;
  }

  /** Shows errors that came from the server (already localised), focusing the first. */
  function setServerErrors(failed: FieldErrors<Name>) {
    setErrors(failed);
    focusFirst(failed);
  }

  /** Props for an input bound to `name`. */
  function field(name: Name) {
    return {
      name,
      value: values[name],
      error: errors[name],
      onChange: (event: ChangeEvent<FieldElement>) => setValue(name, event.target.value),
      ref: (element: FieldElement | null) => {
        if (element) elements.current.set(name, element);
        else elements.current.delete(name);
      },
    };
  }

  return { values, errors, setValue, validate, setServerErrors, field, reset: setValues };
}
