import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';

vi.mock('electron', () => ({ Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn() } }));
const { applicationMenuTemplate } = await import('./menu.ts');

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

describe('application menu', () => {
  it.each(['linux', 'win32', 'darwin'] as const)('on %s holds only working commands', (platform) => {
    const showAbout = vi.fn();
    const items = flatten(applicationMenuTemplate({ platform, showAbout }));
    const roles = items.map((i) => i.role).filter(Boolean);
    expect(roles).toEqual(
      expect.arrayContaining(['quit', 'reload', 'togglefullscreen', 'copy', 'paste', 'cut']),
    );
    // Every item does something: a role, a click, or a submenu. No placeholders such as Print.
    for (const item of items) {
      if (item.type === 'separator') continue;
      expect(item.role ?? item.click ?? item.submenu).toBeDefined();
    }
    expect(items.map((i) => i.label ?? '').join(' ')).not.toMatch(/print/i);

    const about = items.find((i) => i.label === 'About Tripdesk');
    (about?.click as () => void)();
    expect(showAbout).toHaveBeenCalled();
  });

  it('gives the usual shortcuts', () => {
    const items = flatten(applicationMenuTemplate({ platform: 'linux', showAbout: () => undefined }));
    expect(items.find((i) => i.role === 'reload')?.accelerator).toBe('CmdOrCtrl+R');
    expect(items.find((i) => i.role === 'togglefullscreen')?.accelerator).toBe('F11');
    expect(items.find((i) => i.role === 'quit')?.accelerator).toBe('Ctrl+Q');
  });
});
