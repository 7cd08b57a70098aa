// The global sheet and the kit's first, so that every feature's styles come after them.
import './styles.css';
import './ui/controls.css';
import './ui/tables.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { connectTo } from './api/client.ts';
import { clearOnSessionChange, createQueryClient } from './api/query-client.ts';
import { App } from './App.tsx';
import { checkServerHealth } from './connection/health-check.ts';

// In the desktop app the server is the saved address; in a browser, the server that served this page.
const desktop = window.tripdesk ?? null;
const serverUrl = desktop ? (await desktop.getSettings()).serverUrl : window.location.origin;
if (serverUrl !== null) {
  connectTo(serverUrl);
  void checkServerHealth();
}

const queryClient = createQueryClient();
clearOnSessionChange(queryClient);
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App desktop={desktop} serverUrl={serverUrl} reload={() => window.location.reload()} />
    </QueryClientProvider>
  </StrictMode>,
);
