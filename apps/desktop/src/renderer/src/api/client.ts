import axios, { type InternalAxiosRequestConfig } from 'axios';
import { apiRoutes } from '@tripdesk/shared';
import { useConnection } from '../connection/connection-store.ts';
import { useSession } from '../session/session-store.ts';
import { toApiError } from './api-error.ts';

/** Sent without a token, and its 401 means wrong credentials rather than an ended session. */
const SIGN_IN_PATH = apiRoutes.login.path;

/**
 * The one HTTP client of the renderer. Every failure leaves it as an ApiError with a message for the
 * desk; a 401 on a signed-in call ends the session; no answer at all raises the unreachable banner.
 */
export const api = axios.create({ timeout: 15_000, headers: { Accept: 'application/json' } });

/** Points the client at the server: the saved address in the desktop app, the page's origin in a browser. */
export function connectTo(serverUrl: string): void {
  api.defaults.baseURL = serverUrl;
  useConnection.getState().setServerUrl(serverUrl);
}

/** The token a request was sent with, so a late 401 from a previous session ends nothing. */
const sentWithToken = new WeakMap<InternalAxiosRequestConfig, string>();

api.interceptors.request.use((config) => {
  const { token } = useSession.getState();
  if (token && config.url !== SIGN_IN_PATH) {
    config.headers.set('Authorization', `Bearer ${token}`);
    sentWithToken.set(config, token);
  }
  return config;
});

api.interceptors.response.use(
  (response) => {
    const connection = useConnection.getState();
    if (connection.status === 'unreachable') connection.report('reachable');
    return response;
  },
  (err: unknown) => {
    const config = axios.isAxiosError(err) ? err.config : undefined;
    const error = toApiError(err, {
      serverUrl: useConnection.getState().serverUrl,
      signingIn: config?.url === SIGN_IN_PATH,
    });
    if (error.code === 'network_error') useConnection.getState().report('unreachable');
    if (error.status === 401 && config) {
      const token = sentWithToken.get(config);
      const session = useSession.getState();
      if (token !== undefined && token === session.token) session.end('session_ended');
    }
    return Promise.reject(error);
  },
);
