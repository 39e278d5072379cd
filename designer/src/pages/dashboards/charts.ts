import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { currentLanguage } from '../../i18n/index.js';

// Only the chart types the dashboards draw, so the chunk stays small.
echarts.use([BarChart, LineChart, PieChart, AriaComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

export function drawChart(container: HTMLElement, option: ChartOption): () => void {
  // Chinese built-in texts; aria gives the container a spoken description of the chart (series and category names).
  const chart = echarts.init(container, null, { locale: currentLanguage() === 'en' ? 'EN' : 'ZH' });
  chart.setOption({ aria: { enabled: true }, textStyle: { fontFamily: 'PingFang SC, Microsoft YaHei, WenQuanYi Micro Hei, sans-serif' }, ...option });
  // Cards are laid out by a CSS grid that changes as more cards arrive: follow the container.
  const observer = new ResizeObserver(() => chart.resize());
  observer.observe(container);
  return () => {
    observer.disconnect();
    chart.dispose();
  };
}
