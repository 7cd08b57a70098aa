import { Menu, type MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  readonly platform: NodeJS.Platform;
  readonly showAbout: () => void;
}

/** The application menu: only commands that work today, each with its usual shortcut. */
export function applicationMenuTemplate({ platform, showAbout }: MenuActions): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const about: MenuItemConstructorOptions = { label: 'About Tripdesk', click: () => showAbout() };
  const appMenu: MenuItemConstructorOptions[] = mac
    ? [{ label: 'Tripdesk', submenu: [about, { type: 'separator' }, { role: 'hide' }, { role: 'quit' }] }]
    : [];
  return [
    ...appMenu,
    { label: '&File', submenu: [mac ? { role: 'close' } : { role: 'quit', accelerator: 'Ctrl+Q' }] },
    {
      label: '&Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: '&View',
      submenu: [
        { role: 'reload', accelerator: 'CmdOrCtrl+R' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen', accelerator: mac ? 'Ctrl+Cmd+F' : 'F11' },
      ],
    },
    { label: '&Help', role: 'help', submenu: [about] },
  ];
}

export function installApplicationMenu(actions: MenuActions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenuTemplate(actions)));
}
