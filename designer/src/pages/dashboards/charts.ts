import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// Only the chart types the dashboards draw, so the chunk stays small.
echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

export function drawChart(container: HTMLElement, option: ChartOption): () => void {
  const chart = echarts.init(container);
  chart.setOption({ textStyle: { fontFamily: 'PingFang SC, Microsoft YaHei, WenQuanYi Micro Hei, sans-serif' }, ...option });
  // Cards are laid out by a CSS grid that changes as more cards arrive: follow the container.
  const observer = new ResizeObserver(() => chart.resize());
  observer.observe(container);
  return () => {
    observer.disconnect();
    chart.dispose();
  };
}
