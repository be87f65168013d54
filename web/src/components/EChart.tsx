import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { type ComposeOption, type ECharts, init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import { useEffect, useRef } from 'react';

// Only what the dashboard draws, so the app (and each exported file, which embeds it) stays small. SVG rather
// than canvas: crisp at any zoom, printable, and it renders where there is no canvas (jsdom in tests).
use([LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);

export type ChartOption = ComposeOption<
  LineSeriesOption | BarSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption
>;

interface Props {
  option: ChartOption;
  /** What kind of chart it is, for screen readers (the chart is an image to them; its data is in a table beside it). */
  label: string;
  /** The id of the element that says what it shows (its panel's heading). */
  describedBy?: string;
  height: number;
  /** A click on a bar or point, by its category name (e.g. a top-N bar's dimension value). */
  onSelect?: (name: string) => void;
}

/** An Apache ECharts chart in a div it owns: created once, updated with each option, disposed on unmount. */
export function EChart({ option, label, describedBy, height, onSelect }: Props) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const select = useRef(onSelect);
  select.current = onSelect;

  useEffect(() => {
    const container = element.current;
    if (!container) return undefined;
    const created = init(container, undefined, { renderer: 'svg' });
    chart.current = created;
    created.on('click', (params) => {
      if (typeof params.name === 'string' && params.name) select.current?.(params.name);
    });
    const resize = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(() => created.resize());
    resize?.observe(container);
    return () => {
      resize?.disconnect();
      created.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // ECharts' aria feature writes the container's aria-label: given our description, it keeps ours. No motion for
    // those who asked for none (and for screenshots of a settled chart).
    const still = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
    chart.current?.setOption(
      { aria: { enabled: true, label: { description: label } }, animation: !still, ...option },
      { notMerge: true },
    );
  }, [option, label]);

  return (
    <div
      ref={element}
      className="echart"
      role="img"
      aria-label={label}
      aria-describedby={describedBy}
      style={{ height }}
      data-chart="echarts"
    />
  );
}

export const PALETTE = ['#2563eb', '#f59e0b', '#10b981', '#ef4444', '#8b5cf6', '#06b6d4', '#ec4899', '#84cc16', '#64748b', '#f97316'];
