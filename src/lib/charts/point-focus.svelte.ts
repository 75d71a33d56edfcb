/**
 * Which data point of one chart has keyboard focus or the pointer, shared by its points and its
 * tooltip. One per chart instance.
 */
export class PointFocus {
  /** Roving tab stop: the point Tab lands on when entering the chart. */
  tabStop = $state(0);
  /** Point whose tooltip shows (focused or hovered), or null. */
  active = $state<number | null>(null);
  /** Escape hides the tooltip until focus moves (WCAG 1.4.13: dismissible). */
  dismissed = $state(false);

  show(index: number) {
    this.active = index;
    this.dismissed = false;
  }

  hide(index: number) {
    if (this.active === index) this.active = null;
  }
}
