// Where the popover opens, per OS. Plain math over Electron's shapes so it runs under Node tests.

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

/** The parts of Electron's Display the math needs. */
export interface DisplayArea {
  bounds: Rect;
  workArea: Rect;
}

export type TaskbarEdge = 'top' | 'bottom' | 'left' | 'right';

export interface PopoverPlacementInput {
  platform: NodeJS.Platform;
  /** tray.getBounds(); null or empty where the OS gives none (Linux AppIndicator). */
  trayBounds: Rect | null;
  /** screen.getCursorScreenPoint() at the moment of opening. */
  cursor: Point;
  /** screen.getAllDisplays(); the first one is used when nothing else matches. */
  displays: DisplayArea[];
  size: { width: number; height: number };
}

/** Space kept between the popover, the tray icon and the screen edge, px. */
export const POPOVER_GAP = 6;

function contains(rect: Rect, p: Point): boolean {
  return p.x >= rect.x && p.x < rect.x + rect.width && p.y >= rect.y && p.y < rect.y + rect.height;
}

function distanceSquared(rect: Rect, p: Point): number {
  const dx = Math.max(rect.x - p.x, 0, p.x - (rect.x + rect.width));
  const dy = Math.max(rect.y - p.y, 0, p.y - (rect.y + rect.height));
  return dx * dx + dy * dy;
}

function centre(rect: Rect): Point {
  return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
}

/** The display that holds the point, or the nearest one (a point can sit in the gap between monitors). */
export function displayNearest(displays: DisplayArea[], p: Point): DisplayArea | undefined {
  const inside = displays.find((d) => contains(d.bounds, p));
  if (inside) return inside;
  let best: DisplayArea | undefined;
  let bestDistance = Infinity;
  for (const d of displays) {
    const dist = distanceSquared(d.bounds, p);
    if (dist < bestDistance) {
      best = d;
      bestDistance = dist;
    }
  }
  return best;
}

/** Tray bounds are usable when they have an area and lie on some display (Windows sometimes reports junk). */
export function trayBoundsUsable(trayBounds: Rect | null, displays: DisplayArea[]): trayBounds is Rect {
  if (!trayBounds) return false;
  const values = [trayBounds.x, trayBounds.y, trayBounds.width, trayBounds.height];
  if (!values.every(Number.isFinite)) return false;
  if (trayBounds.width <= 0 || trayBounds.height <= 0) return false;
  return displays.some((d) => contains(d.bounds, centre(trayBounds)));
}

/** Which edge the taskbar (or a panel) takes, read from the gap between the display bounds and its work area. */
export function taskbarEdge(display: DisplayArea): TaskbarEdge {
  const { bounds: b, workArea: w } = display;
  if (w.y > b.y) return 'top';
  if (w.x > b.x) return 'left';
  if (w.x + w.width < b.x + b.width) return 'right';
  return 'bottom';
}

/** Keeps the window inside the work area; a window larger than the area is pinned to its top-left. */
export function clampIntoWorkArea(pos: Point, size: { width: number; height: number }, area: Rect): Point {
  const maxX = area.x + area.width - size.width;
  const maxY = area.y + area.height - size.height;
  return {
    x: Math.round(Math.max(area.x, Math.min(pos.x, maxX))),
    y: Math.round(Math.max(area.y, Math.min(pos.y, maxY))),
  };
}

function underOrAboveTray(tray: Rect, display: DisplayArea, size: PopoverPlacementInput['size']): Point {
  const x = tray.x + tray.width / 2 - size.width / 2;
  const trayInTopHalf = centre(tray).y < display.workArea.y + display.workArea.height / 2;
  const y = trayInTopHalf ? tray.y + tray.height + POPOVER_GAP : tray.y - size.height - POPOVER_GAP;
  return { x, y };
}

function againstTaskbar(tray: Rect | null, display: DisplayArea, size: PopoverPlacementInput['size']): Point {
  const w = display.workArea;
  const right = w.x + w.width - size.width - POPOVER_GAP;
  const bottom = w.y + w.height - size.height - POPOVER_GAP;
  const edge = taskbarEdge(display);
  // Without usable tray bounds, the corner where the notification area lives on that edge.
  const trayCentre = tray ? centre(tray) : null;
  switch (edge) {
    case 'top':
      return { x: trayCentre ? trayCentre.x - size.width / 2 : right, y: w.y + POPOVER_GAP };
    case 'left':
      return { x: w.x + POPOVER_GAP, y: trayCentre ? trayCentre.y - size.height / 2 : bottom };
    case 'right':
      return { x: right, y: trayCentre ? trayCentre.y - size.height / 2 : bottom };
    case 'bottom':
      return { x: trayCentre ? trayCentre.x - size.width / 2 : right, y: bottom };
  }
}

function nearPointerAtTop(cursor: Point, display: DisplayArea, size: PopoverPlacementInput['size']): Point {
  const w = display.workArea;
  const cursorInDisplay = contains(display.bounds, cursor);
  // The menu bar is at the top; follow the pointer when it is on this display.
  const x = cursorInDisplay ? cursor.x - size.width / 2 : w.x + w.width - size.width - POPOVER_GAP;
  return { x, y: w.y + POPOVER_GAP };
}

/** Every edge where a panel or dock takes space: where the work area stops short of the display bounds. */
export function panelEdges(display: DisplayArea): TaskbarEdge[] {
  const { bounds: b, workArea: w } = display;
  const edges: TaskbarEdge[] = [];
  if (w.y > b.y) edges.push('top');
  if (w.y + w.height < b.y + b.height) edges.push('bottom');
  if (w.x > b.x) edges.push('left');
  if (w.x + w.width < b.x + b.width) edges.push('right');
  return edges;
}

function distanceToEdge(edge: TaskbarEdge, b: Rect, p: Point): number {
  switch (edge) {
    case 'top':
      return Math.abs(p.y - b.y);
    case 'bottom':
      return Math.abs(b.y + b.height - p.y);
    case 'left':
      return Math.abs(p.x - b.x);
    case 'right':
      return Math.abs(b.x + b.width - p.x);
  }
}

/**
 * The panel the user just clicked: the panel edge nearest the pointer (Ubuntu has a top bar and a left dock; the click
 * was on one of them). With no panel space at all (auto-hiding panel), the screen edge nearest the pointer.
 */
export function clickedPanelEdge(display: DisplayArea, cursor: Point): TaskbarEdge {
  const candidates = panelEdges(display);
  const edges: TaskbarEdge[] = candidates.length > 0 ? candidates : ['top', 'bottom', 'left', 'right'];
  return edges.reduce((best, edge) =>
    distanceToEdge(edge, display.bounds, cursor) < distanceToEdge(best, display.bounds, cursor) ? edge : best,
  );
}

/** Linux: Electron gives no tray bounds, so the popover opens by the pointer, on the inner side of its panel. */
function nearPointerByPanel(cursor: Point, display: DisplayArea, size: PopoverPlacementInput['size']): Point {
  const w = display.workArea;
  const alongX = cursor.x - size.width / 2;
  const alongY = cursor.y - size.height / 2;
  switch (clickedPanelEdge(display, cursor)) {
    case 'top':
      return { x: alongX, y: w.y + POPOVER_GAP };
    case 'bottom':
      return { x: alongX, y: w.y + w.height - size.height - POPOVER_GAP };
    case 'left':
      return { x: w.x + POPOVER_GAP, y: alongY };
    case 'right':
      return { x: w.x + w.width - size.width - POPOVER_GAP, y: alongY };
  }
}

/** Top-left corner of the popover: under the icon (macOS), against the taskbar (Windows), by the pointer on its panel (Linux). */
export function placePopover(input: PopoverPlacementInput): Point {
  const { platform, cursor, displays, size } = input;
  const usable = trayBoundsUsable(input.trayBounds, displays);
  const tray = usable ? (input.trayBounds as Rect) : null;
  const display = displayNearest(displays, tray ? centre(tray) : cursor);
  if (!display) return { x: 0, y: 0 };
  let pos: Point;
  if (platform === 'darwin') {
    // The menu bar is always on top; with bogus bounds fall back to the pointer (the user just clicked there).
    pos = tray ? underOrAboveTray(tray, display, size) : nearPointerAtTop(cursor, display, size);
  } else if (platform === 'win32') {
    pos = againstTaskbar(tray, display, size);
  } else {
    pos = tray ? underOrAboveTray(tray, display, size) : nearPointerByPanel(cursor, display, size);
  }
  const inset: Rect = {
    x: display.workArea.x + POPOVER_GAP,
    y: display.workArea.y + POPOVER_GAP,
    width: display.workArea.width - 2 * POPOVER_GAP,
    height: display.workArea.height - 2 * POPOVER_GAP,
  };
  const fitsInset = size.width <= inset.width && size.height <= inset.height;
  return clampIntoWorkArea(pos, size, fitsInset ? inset : display.workArea);
}
