/**
 * What a live figure shows while its code loads. `data-figure-loading` tells tools (bench:web's
 * time to first figure) that the figure is not drawn yet.
 */
export function FigureLoading({ what = 'the figure', className }: { what?: string; className?: string }) {
  return <p className={className ? `widget ${className}` : 'widget'} data-figure-loading="">Loading {what}…</p>;
}
