/**
 * Colours from the Okabe-Ito palette (safe for the common colour-vision deficiencies), each with at
 * least 3:1 contrast on white for graphics (WCAG 1.4.11). Colour never carries meaning alone:
 * highlighted and focus marks also differ in weight, shape or label text.
 */
export const COLORS = {
  /** Okabe-Ito blue: the data. */
  data: '#0072B2',
  /** Light fill of percentile boxes, with the blue outline giving the contrast. */
  dataFill: '#cfe3f1',
  /** Okabe-Ito vermillion: the chosen place or the technician occupation (also bold and labelled). */
  highlight: '#D55E00',
  highlightFill: '#f8d7c2',
  /** Near-black for medians, comparison marks and labels. */
  ink: '#1b1f24',
  /** Grey of whiskers and secondary marks (5.9:1 on white). */
  muted: '#5f6670'
} as const;
