/*
 * dropwatch report charts. Each chart is a <div class="chart"
 * data-option="ID"> next to a <script type="application/json" id="ID"> block
 * that holds the ECharts option. This script parses the block and draws the
 * chart with the local echarts.min.js; it loads nothing else. When a chart
 * cannot be drawn, the table below it still holds every number.
 */
(function () {
  'use strict';

  var drawn = [];

  function fallback(el, text) {
    var p = document.createElement('p');
    p.className = 'chart-fallback';
    p.textContent = text;
    el.appendChild(p);
  }

  function draw(el) {
    var block = document.getElementById(el.getAttribute('data-option'));
    if (typeof echarts === 'undefined') {
      fallback(el, '图表脚本未加载，请查看下方表格。');
      return;
    }
    if (!block) {
      fallback(el, '图表数据缺失，请查看下方表格。');
      return;
    }
    try {
      var option = JSON.parse(block.textContent);
      // Settings every chart shares; the pages leave them out. A chart's
      // own grid (room for the line labels on the right) wins. Legends sit
      // on top, clear of the axis labels.
      option.animation = false;
      // The chart's box clips what overflows it: the tooltip stays inside.
      option.tooltip = { show: true, trigger: 'axis', confine: true };
      var grid = { left: 8, right: 24, top: 40, bottom: 8, containLabel: true };
      for (var k in option.grid || {}) {
        grid[k] = option.grid[k];
      }
      // On a narrow screen named line labels would squeeze the plot: they
      // show the figure only (the table under the chart names each line).
      if (grid.right > el.clientWidth * 0.3) {
        grid.right = 48;
        (option.series || []).forEach(function (s) {
          if (s.markLine && s.markLine.label) {
            s.markLine.label.formatter = '{c}%';
          }
        });
      }
      option.grid = grid;
      var chart = echarts.init(el, null, { renderer: 'svg' });
      chart.setOption(option);
      drawn.push(chart);
    } catch (err) {
      fallback(el, '图表无法显示，请查看下方表格。');
      console.error('chart ' + el.id + ':', err);
    }
  }

  function drawAll() {
    var els = document.querySelectorAll('.chart[data-option]');
    for (var i = 0; i < els.length; i++) {
      draw(els[i]);
    }
  }

  function resizeAll() {
    for (var i = 0; i < drawn.length; i++) {
      drawn[i].resize();
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', drawAll);
  } else {
    drawAll();
  }
  window.addEventListener('resize', resizeAll);
  window.addEventListener('beforeprint', resizeAll);
})();
