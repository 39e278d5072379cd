interface Viewbox {
  x: number;
  y: number;
  width: number;
  height: number;
  inner: { x: number; y: number; width: number; height: number };
  outer: { width: number; height: number };
}

interface Canvas {
  zoom(level: string | number, center?: string): number;
  viewbox(box?: { x: number; y: number; width: number; height: number }): Viewbox;
}

/** Space kept around the diagram, in screen pixels. */
const MARGIN = 24;

/**
 * Shows the whole diagram, never larger than 100 %, centred in the part of the canvas the palette
 * leaves free: bpmn-js's own 'fit-viewport' puts the first shapes under the palette.
 */
export function fitDiagram(canvas: Canvas, container: HTMLElement): void {
  canvas.zoom('fit-viewport', 'auto');
  const { inner, outer } = canvas.viewbox();
  if (!inner.width || !inner.height || !outer.width || !outer.height) return;
  const palette = container.querySelector('.djs-palette');
  const bounds = container.getBoundingClientRect();
  const left = palette ? Math.max(MARGIN, palette.getBoundingClientRect().right - bounds.left + MARGIN) : MARGIN;
  const freeWidth = outer.width - left - MARGIN;
  const freeHeight = outer.height - 2 * MARGIN;
  if (freeWidth <= 0 || freeHeight <= 0) return;
  const scale = Math.min(1, freeWidth / inner.width, freeHeight / inner.height);
  canvas.viewbox({
    x: inner.x - (left + (freeWidth - inner.width * scale) / 2) / scale,
    y: inner.y - (MARGIN + (freeHeight - inner.height * scale) / 2) / scale,
    width: outer.width / scale,
    height: outer.height / scale,
  });
}
