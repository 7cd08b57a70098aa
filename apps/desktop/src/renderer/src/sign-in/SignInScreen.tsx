import { useRef, useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { LoginRequestSchema, type LoginRequest } from '@tripdesk/shared';
import { call } from '../api/call.ts';
import { useConnection } from '../connection/connection-store.ts';
import { useSession } from '../session/session-store.ts';
import { Field } from '../ui/form-field.tsx';

/** Email and password, errors in words under the form, Enter submits. */
export function SignInScreen({ onChangeServer }: { onChangeServer?: () => void }) {
  const notice = useSession((s) => s.notice);
  const serverUrl = useConnection((s) => s.serverUrl);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);

  const signIn = useMutation({
    mutationFn: (credentials: LoginRequest) => call('login', { body: credentials }),
    onSuccess: ({ token, user }) => useSession.getState().start(token, user),
    onError: (error) => {
      // A wrong password is typed again; after a network blip or a wait, the clerk just retries.
      if (error.code !== 'unauthenticated') return;
      setPassword('');
      passwordRef.current?.focus();
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (signIn.isPending) return;
    const credentials = LoginRequestSchema.safeParse({ email, password });
    if (!credentials.success || credentials.data.email === '') {
      setMissing(true);
      return;
    }
    setMissing(false);
    signIn.mutate(credentials.data);
  };

  // With no answer at all, the banner above names the server; here it is enough to say what failed.
  const error = missing
    ? 'Enter your email and password.'
    : signIn.error?.code === 'network_error'
      ? 'You are not signed in: the server did not answer.'
      : (signIn.error?.message ?? null);
  const pending = signIn.isPending;
  // Only mark the fields when they are the problem, not when the server is away or busy.
  const fieldsWrong =
    missing || signIn.error?.code === 'unauthenticated' || signIn.error?.code === 'validation_failed';

  return (
    <main className="centered-page">
      <form className="card sign-in" onSubmit={submit} noValidate aria-labelledby="sign-in-title">
        <p className="brand-mark" aria-hidden="true">
          Tripdesk
        </p>
        <h1 id="sign-in-title">Sign in</h1>
        {notice === 'session_ended' && !error ? (
          <p className="notice" role="status">
            Your session has ended. Please sign in again.
          </p>
        ) : null}
        <Field id="sign-in-email" label="Email">
          <input
            id="sign-in-email"
            // The one thing to do on this screen; the clerk can type at once.
            autoFocus
            type="email"
            autoComplete="username"
            spellCheck={false}
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            aria-invalid={fieldsWrong || undefined}
            aria-describedby={error ? 'sign-in-error' : undefined}
          />
        </Field>
        <Field id="sign-in-password" label="Password">
          <input
            id="sign-in-password"
            ref={passwordRef}
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={fieldsWrong || undefined}
            aria-describedby={error ? 'sign-in-error' : undefined}
          />
        </Field>
        {error ? (
          <p id="sign-in-error" className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        {/* aria-disabled, not disabled: a disabled button drops keyboard focus to the page. */}
        <button
          type="submit"
          className="button button-primary button-block"
          aria-disabled={pending || undefined}
          aria-busy={pending}
        >
          {pending ? 'Signing in…' : 'Sign in'}
        </button>
        {onChangeServer ? (
          // Desktop only: which server this desk is set up for. In a browser the address bar says it.
          <p className="server-line muted">
            Server: <span className="mono">{serverUrl}</span>
            <button type="button" className="link-button" onClick={onChangeServer}>
              Change server
            </button>
          </p>
        ) : null}
      </form>
    </main>
  );
}
