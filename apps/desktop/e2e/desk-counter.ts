import type { Locator, Page } from 'playwright-core';

/**
 * Keys and clicks of the desk, counted as a user makes them: a click is one click, a key one key
 * whatever it is (Tab, Enter, Ctrl+Enter and Alt+2 count one each, as a chord is one press), typed
 * text one key per character, a select chosen with the mouse two clicks (open it, pick).
 */
export class DeskCounter {
  readonly page: Page;
  keys = 0;
  clicks = 0;

  constructor(page: Page) {
    this.page = page;
  }

  /** Clicks into the field and types the text. */
  async type(field: Locator, text: string) {
    await this.click(field);
    await field.pressSequentially(text);
    this.keys += text.length;
  }

  /** Types where the keyboard is. */
  async typeHere(text: string) {
    await this.page.keyboard.type(text);
    this.keys += text.length;
  }

  /** One key or chord, e.g. `Enter`, `Tab`, `Control+Enter`, `Alt+2`. */
  async press(key: string) {
    await this.page.keyboard.press(key);
    this.keys += 1;
  }

  async click(target: Locator) {
    await target.click();
    this.clicks += 1;
  }

  async choose(select: Locator, value: string | { label: string }) {
    await select.selectOption(value);
    this.clicks += 2;
  }
}
