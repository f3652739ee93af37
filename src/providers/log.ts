// Log lines and server-provided text pass through here so the API key cannot reach a log,
// an error message or an exception, even when a server echoes it back.

/** Replaces every occurrence of `secret` in `text`. Secrets too short to be keys are left alone. */
export function redact(text: string, secret: string): string {
  return secret.length >= 4 && text.includes(secret) ? text.split(secret).join('[redacted]') : text;
}

export type LogFn = (line: string) => void;

/** A logger that prefixes the provider name, redacts the key, and never throws. */
export function makeLog(provider: string, apiKey: string, sink: ((line: string) => void) | undefined): LogFn {
  if (!sink) {
    return () => undefined;
  }
  return (line) => {
    try {
      sink(redact(`[${provider}] ${line}`, apiKey));
    } catch {
      // A failing log sink must not turn into a failed request.
    }
  };
}
