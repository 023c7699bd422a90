import { describe, expect, it } from 'vitest';
import type { DisplayArea, PopoverPlacementInput, Rect } from '../../main/shell/popover-position.ts';
import {
  POPOVER_GAP,
  clickedPanelEdge,
  panelEdges,
  placePopover,
  taskbarEdge,
  trayBoundsUsable,
} from '../../main/shell/popover-position.ts';

const size = { width: 380, height: 560 };

function display(bounds: Rect, workArea: Rect): DisplayArea {
  return { bounds, workArea };
}

// A 1440×900 MacBook screen with a 25 px menu bar, and an external 2560×1440 monitor to its right.
const macMain = display({ x: 0, y: 0, width: 1440, height: 900 }, { x: 0, y: 25, width: 1440, height: 875 });
const macExternal = display({ x: 1440, y: 0, width: 2560, height: 1440 }, { x: 1440, y: 25, width: 2560, height: 1415 });
// Windows 1920×1080 with a 40 px taskbar at the bottom; a second monitor on the left with the taskbar on its left edge.
const winMain = display({ x: 0, y: 0, width: 1920, height: 1080 }, { x: 0, y: 0, width: 1920, height: 1040 });
const winLeftTaskbar = display({ x: -1920, y: 0, width: 1920, height: 1080 }, { x: -1872, y: 0, width: 1872, height: 1080 });
const winTopTaskbar = display({ x: 0, y: 0, width: 1920, height: 1080 }, { x: 0, y: 40, width: 1920, height: 1040 });
const winRightTaskbar = display({ x: 0, y: 0, width: 1920, height: 1080 }, { x: 0, y: 0, width: 1872, height: 1080 });
// Linux GNOME: top bar 32 px.
const linuxMain = display({ x: 0, y: 0, width: 1920, height: 1080 }, { x: 0, y: 32, width: 1920, height: 1048 });

function place(overrides: Partial<PopoverPlacementInput>): { x: number; y: number } {
  return placePopover({ platform: 'darwin', trayBounds: null, cursor: { x: 0, y: 0 }, displays: [macMain], size, ...overrides });
}

function insideWorkArea(pos: { x: number; y: number }, area: Rect): boolean {
  return pos.x >= area.x && pos.y >= area.y && pos.x + size.width <= area.x + area.width && pos.y + size.height <= area.y + area.height;
}

describe('macOS', () => {
  it('opens centred under the tray icon', () => {
    // The icon is as tall as the menu bar.
    const tray = { x: 1000, y: 0, width: 24, height: 25 };
    const pos = place({ trayBounds: tray, cursor: { x: 1010, y: 10 } });
    expect(pos).toEqual({ x: 1012 - size.width / 2, y: 25 + POPOVER_GAP });
  });

  it('stays inside the work area when the icon is near the right edge', () => {
    const pos = place({ trayBounds: { x: 1420, y: 0, width: 20, height: 24 } });
    expect(pos.x + size.width).toBeLessThanOrEqual(1440 - POPOVER_GAP);
    expect(insideWorkArea(pos, macMain.workArea)).toBe(true);
  });

  it('opens on the external monitor when the tray icon is in its menu bar', () => {
    const tray = { x: 3500, y: 0, width: 24, height: 25 };
    const pos = place({ trayBounds: tray, displays: [macMain, macExternal] });
    expect(pos.x + size.width / 2).toBe(3512);
    expect(insideWorkArea(pos, macExternal.workArea)).toBe(true);
  });

  it('falls back to the pointer when the bounds are bogus', () => {
    const pos = place({ trayBounds: { x: 0, y: 0, width: 0, height: 0 }, cursor: { x: 900, y: 10 }, displays: [macMain, macExternal] });
    expect(pos).toEqual({ x: 900 - size.width / 2, y: 25 + POPOVER_GAP });
  });
});

describe('Windows', () => {
  const base = { platform: 'win32' as const, displays: [winMain] };

  it('sits on the taskbar edge, centred on the icon, for a bottom taskbar', () => {
    const pos = place({ ...base, trayBounds: { x: 1700, y: 1048, width: 24, height: 24 } });
    expect(pos.y + size.height).toBe(1040 - POPOVER_GAP);
    expect(pos.x + size.width / 2).toBe(1712);
  });

  it('goes to the bottom-right corner when the tray bounds are bogus', () => {
    for (const bogus of [
      null,
      { x: 0, y: 0, width: 0, height: 0 },
      { x: -32000, y: -32000, width: 16, height: 16 },
      { x: Number.NaN, y: 0, width: 16, height: 16 },
    ]) {
      const pos = place({ ...base, trayBounds: bogus, cursor: { x: 200, y: 200 } });
      expect(pos).toEqual({ x: 1920 - size.width - POPOVER_GAP, y: 1040 - size.height - POPOVER_GAP });
    }
  });

  it('reads the taskbar edge from the work area', () => {
    expect(taskbarEdge(winMain)).toBe('bottom');
    expect(taskbarEdge(winTopTaskbar)).toBe('top');
    expect(taskbarEdge(winLeftTaskbar)).toBe('left');
    expect(taskbarEdge(winRightTaskbar)).toBe('right');
  });

  it('opens against a top, left or right taskbar', () => {
    const top = place({ platform: 'win32', displays: [winTopTaskbar], trayBounds: { x: 1800, y: 8, width: 24, height: 24 } });
    expect(top.y).toBe(40 + POPOVER_GAP);
    const right = place({ platform: 'win32', displays: [winRightTaskbar], trayBounds: null, cursor: { x: 1900, y: 1000 } });
    expect(right).toEqual({ x: 1872 - size.width - POPOVER_GAP, y: 1080 - size.height - POPOVER_GAP });
  });

  it('uses the secondary monitor (negative coordinates) where the icon is', () => {
    const pos = place({ platform: 'win32', displays: [winMain, winLeftTaskbar], trayBounds: { x: -1910, y: 1000, width: 24, height: 24 } });
    expect(pos.x).toBe(-1872 + POPOVER_GAP);
    expect(insideWorkArea(pos, winLeftTaskbar.workArea)).toBe(true);
  });
});

describe('Linux', () => {
  it('opens at the top near the pointer when the tray gives no bounds', () => {
    const pos = place({
      platform: 'linux',
      displays: [linuxMain],
      trayBounds: { x: 0, y: 0, width: 0, height: 0 },
      cursor: { x: 1500, y: 10 },
    });
    expect(pos).toEqual({ x: 1500 - size.width / 2, y: 32 + POPOVER_GAP });
  });

  it('is clamped to the top-right when the pointer is at the far right', () => {
    const pos = place({ platform: 'linux', displays: [linuxMain], trayBounds: null, cursor: { x: 1919, y: 5 } });
    expect(pos).toEqual({ x: 1920 - size.width - POPOVER_GAP, y: 32 + POPOVER_GAP });
  });

  it('uses the monitor under the pointer', () => {
    const right = display({ x: 1920, y: 0, width: 1280, height: 1024 }, { x: 1920, y: 32, width: 1280, height: 992 });
    const pos = place({ platform: 'linux', displays: [linuxMain, right], trayBounds: null, cursor: { x: 3100, y: 10 } });
    expect(insideWorkArea(pos, right.workArea)).toBe(true);
  });

  // What Linux really gives: no tray bounds (empty getBounds(), none in the click event). The panel is read from the
  // work area, the icon's place from the pointer.
  const EMPTY = { x: 0, y: 0, width: 0, height: 0 };
  // KDE Plasma's default: a 44 px panel at the bottom.
  const kdeBottom = display({ x: 0, y: 0, width: 1920, height: 1080 }, { x: 0, y: 0, width: 1920, height: 1036 });
  // Ubuntu: a 32 px top bar and a 64 px dock on the left.
  const ubuntuDock = display({ x: 0, y: 0, width: 1920, height: 1080 }, { x: 64, y: 32, width: 1856, height: 1048 });

  it('no bounds, top panel: under the panel, centred on the pointer', () => {
    const pos = place({ platform: 'linux', displays: [linuxMain], trayBounds: EMPTY, cursor: { x: 1500, y: 12 } });
    expect(pos).toEqual({ x: 1500 - size.width / 2, y: 32 + POPOVER_GAP });
  });

  it('no bounds, bottom panel: above the panel, centred on the pointer (not at the far edge)', () => {
    expect(panelEdges(kdeBottom)).toEqual(['bottom']);
    const pos = place({ platform: 'linux', displays: [kdeBottom], trayBounds: EMPTY, cursor: { x: 1500, y: 1060 } });
    expect(pos).toEqual({ x: 1500 - size.width / 2, y: 1036 - size.height - POPOVER_GAP });
    // Near the right end of the panel it is kept inside the work area.
    const corner = place({ platform: 'linux', displays: [kdeBottom], trayBounds: null, cursor: { x: 1910, y: 1070 } });
    expect(corner).toEqual({ x: 1920 - size.width - POPOVER_GAP, y: 1036 - size.height - POPOVER_GAP });
  });

  it('no bounds, left dock: beside the dock at the pointer height; the top bar when the click was there', () => {
    expect(panelEdges(ubuntuDock)).toEqual(['top', 'left']);
    const onDock = place({ platform: 'linux', displays: [ubuntuDock], trayBounds: EMPTY, cursor: { x: 30, y: 700 } });
    expect(onDock).toEqual({ x: 64 + POPOVER_GAP, y: 700 - size.height / 2 });
    const onTopBar = place({ platform: 'linux', displays: [ubuntuDock], trayBounds: EMPTY, cursor: { x: 1800, y: 10 } });
    expect(onTopBar).toEqual({ x: 1920 - size.width - POPOVER_GAP, y: 32 + POPOVER_GAP });
  });

  it('no bounds, right-hand panel on a second monitor with negative coordinates', () => {
    const leftMonitor = display({ x: -1280, y: 0, width: 1280, height: 1024 }, { x: -1280, y: 0, width: 1232, height: 1024 });
    const pos = place({ platform: 'linux', displays: [linuxMain, leftMonitor], trayBounds: null, cursor: { x: -20, y: 500 } });
    expect(pos).toEqual({ x: -48 - size.width - POPOVER_GAP, y: 500 - size.height / 2 });
  });

  it('no bounds and no panel space (auto-hiding panel): the screen edge nearest the pointer', () => {
    const full = display({ x: 0, y: 0, width: 1920, height: 1080 }, { x: 0, y: 0, width: 1920, height: 1080 });
    expect(clickedPanelEdge(full, { x: 900, y: 1075 })).toBe('bottom');
    expect(clickedPanelEdge(full, { x: 900, y: 3 })).toBe('top');
    const pos = place({ platform: 'linux', displays: [full], trayBounds: null, cursor: { x: 900, y: 1075 } });
    expect(pos).toEqual({ x: 900 - size.width / 2, y: 1080 - size.height - POPOVER_GAP });
  });

  it('opens above a bottom panel icon when bounds exist (some XEmbed hosts)', () => {
    const bottomPanel = display({ x: 0, y: 0, width: 1920, height: 1080 }, { x: 0, y: 0, width: 1920, height: 1040 });
    const pos = place({ platform: 'linux', displays: [bottomPanel], trayBounds: { x: 1800, y: 1050, width: 24, height: 24 } });
    expect(pos.y + size.height).toBeLessThanOrEqual(1040);
    expect(insideWorkArea(pos, bottomPanel.workArea)).toBe(true);
  });
});

describe('edge cases', () => {
  it('pins a window larger than the work area to its top-left', () => {
    const tiny = display({ x: 0, y: 0, width: 300, height: 400 }, { x: 0, y: 20, width: 300, height: 380 });
    expect(place({ displays: [tiny], trayBounds: { x: 200, y: 0, width: 20, height: 20 } })).toEqual({ x: 0, y: 20 });
  });

  it('treats bounds that lie on no display as unusable', () => {
    expect(trayBoundsUsable({ x: 5000, y: 5000, width: 20, height: 20 }, [macMain])).toBe(false);
    expect(trayBoundsUsable({ x: 10, y: 0, width: 20, height: 20 }, [macMain])).toBe(true);
  });

  it('returns whole pixels and stays inside the work area for every platform and pointer', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      for (const cursor of [
        { x: -50, y: -50 },
        { x: 700, y: 450 },
        { x: 5000, y: 3000 },
      ]) {
        const pos = place({ platform, displays: [macMain, macExternal], trayBounds: null, cursor });
        expect(Number.isInteger(pos.x) && Number.isInteger(pos.y)).toBe(true);
        expect(insideWorkArea(pos, macMain.workArea) || insideWorkArea(pos, macExternal.workArea)).toBe(true);
      }
    }
  });
});
