// Clicking the tray icon while the popover is open first blurs the window (which hides it), then delivers the click
// (which would show it again): the popover flickers and never closes. This remembers recent hides to tell them apart.

/** A tray click this soon after a blur-hide is the same gesture as the blur, ms. */
export const CLICK_AFTER_BLUR_MS = 300;
/** Blur events this soon after showing are the OS settling focus, not the user leaving, ms. */
export const BLUR_AFTER_SHOW_MS = 150;

export type TrayClickDecision = 'show' | 'hide' | 'ignore';

export class PopoverToggle {
  private lastHiddenByBlurAt = -Infinity;
  private lastShownAt = -Infinity;

  constructor(private readonly now: () => number) {}

  /** Should a blur hide the window? Records the hide when it should. */
  onBlur(visible: boolean): boolean {
    if (!visible) return false;
    const t = this.now();
    if (t - this.lastShownAt < BLUR_AFTER_SHOW_MS) return false;
    this.lastHiddenByBlurAt = t;
    return true;
  }

  /** What a tray click should do given whether the window is visible now. */
  onTrayClick(visible: boolean): TrayClickDecision {
    if (visible) return 'hide';
    // The blur that just hid the window was this very click: leave it closed.
    if (this.now() - this.lastHiddenByBlurAt < CLICK_AFTER_BLUR_MS) return 'ignore';
    return 'show';
  }

  /** Call whenever the window is shown (tray, menu, notification click). */
  markShown(): void {
    this.lastShownAt = this.now();
    this.lastHiddenByBlurAt = -Infinity;
  }
}
