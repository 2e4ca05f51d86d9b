import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from "chart.js";
import { useEffect, useRef } from "react";

// Chart.js registers only what a horizontal bar chart needs (tree-shaken), and this module is loaded lazily by the
// statistics page, so the charting code never weighs on the first page a phone downloads.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

export interface Bar {
  label: string;
  value: number;
}

/**
 * A horizontal bar chart drawn on a canvas. A canvas says nothing to a screen reader, so it is an image with a
 * summary (`description`); the table beside it is the full text alternative (WCAG 1.1.1).
 */
export default function BarChart({ bars, description, locale }: { bars: readonly Bar[]; description: string; locale: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      type: "bar",
      data: {
        labels: bars.map((bar) => bar.label),
        datasets: [{ data: bars.map((bar) => bar.value), backgroundColor: "#1d4f91", borderRadius: 2 }],
      },
      options: {
        indexAxis: "y",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        locale,
        plugins: { legend: { display: false } },
        scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
    return () => chart.destroy();
  }, [bars, locale]);
  return (
    <div className="chart" style={{ height: `${Math.max(8, bars.length * 2.2 + 3)}rem` }}>
      <canvas ref={canvas} role="img" aria-label={description} />
    </div>
  );
}
