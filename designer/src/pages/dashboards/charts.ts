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
  const resize = () => chart.resize();
  window.addEventListener('resize', resize);
  return () => {
    window.removeEventListener('resize', resize);
    chart.dispose();
  };
}
