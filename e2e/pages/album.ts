// "Read from a photo" (src/app/components/PhotoButton): the shopper or inspector picks a photo
// from the phone's album through the system file chooser.

import type { Locator, Page } from '@playwright/test';

export interface PickedFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

export class AlbumPicker {
  readonly button: Locator;
  /** What the app says when the photo could not be used. */
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.button = page.getByTestId('scan-photo');
    this.error = page.locator('.photo-button [role="alert"]');
  }

  /** Taps the photo button and picks `file` in the chooser; resolves once it is handed to the app. */
  async pick(file: PickedFile): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await this.button.click();
    await (await chooser).setFiles(file);
  }
}
