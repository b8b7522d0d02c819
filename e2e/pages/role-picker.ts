// The home screen: the three roles (src/roles/RolePicker.tsx).

import type { Locator, Page } from '@playwright/test';
import { AppShell } from './app-shell';

export type Role = 'shopper' | 'vendor' | 'inspector';

export class RolePicker {
  readonly shell: AppShell;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
  }

  async open(): Promise<void> {
    await this.shell.open('/');
  }

  role(role: Role): Locator {
    return this.page.getByTestId(`role-${role}`);
  }

  async choose(role: Role): Promise<void> {
    await this.role(role).click();
  }
}
