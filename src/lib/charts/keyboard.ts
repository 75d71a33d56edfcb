/**
 * Keyboard movement between a chart's data points (issue 6, item 8). A chart is one Tab stop;
 * arrow keys move through its points in reading order, Home/End jump to the ends (the roving
 * tabindex pattern of the WAI-ARIA Authoring Practices). Returns null for keys the chart ignores,
 * so they keep their normal meaning (Tab leaves the chart).
 */
export function nextPointIndex(key: string, current: number, count: number): number | null {
  if (count <= 0) return null;
  switch (key) {
    case 'ArrowDown':
    case 'ArrowRight':
      return Math.min(current + 1, count - 1);
    case 'ArrowUp':
    case 'ArrowLeft':
      return Math.max(current - 1, 0);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/** Keeps a tooltip inside the plot: its left edge, given the anchor and the tooltip's width. */
export function tooltipLeft(anchorX: number, tooltipWidth: number, plotWidth: number): number {
  const left = anchorX - tooltipWidth / 2;
  return Math.max(0, Math.min(left, plotWidth - tooltipWidth));
}
