import { useId, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, LineElement, PointElement, Tooltip } from "chart.js";
import { Bar, Line } from "react-chartjs-2";

// Only what the line and bar charts draw: registering all of chart.js would ship every controller.
ChartJS.register(CategoryScale, LinearScale, PointElement, LineElement, BarElement, Tooltip, Legend);

// Distinct in hue and lightness, each at least 3:1 against white (WCAG 1.4.11 for graphics).
const COLOURS = ["#1d4ed8", "#b45309", "#047857", "#9333ea", "#be123c", "#0e7490"];

/** One line or set of bars; `format` reads its numbers out in the table (money in its currency, say). */
type Series = { label: string; values: number[]; format?: (value: number) => string };

type ChartProps = {
  /** The chart's accessible name, also its visible caption. */
  title: string;
  labels: string[];
  series: Series[];
  /** How the numbers read in the table (percentages, money). */
  format?: (value: number) => string;
};

/**
 * A canvas is a picture to a screen reader: the chart carries its name (role img, aria-label), and
 * a <details> below holds the same numbers as a table for anyone who wants them read out or copied.
 */
function Figure({ title, labels, series, format, children }: ChartProps & { children: ReactNode }) {
  const { t } = useTranslation("creator");
  const id = useId();
  return (
    <figure className="chart" aria-labelledby={id}>
      <figcaption id={id}>{title}</figcaption>
      <div className="chart-canvas">{children}</div>
      <details>
        <summary>{t("chart.showTable", { title })}</summary>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("chart.label")}</th>
                {series.map((s) => (
                  <th scope="col" key={s.label}>
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {labels.map((label, i) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  {series.map((s) => (
                    <td key={s.label}>{(s.format ?? format ?? String)(s.values[i] ?? 0)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

function datasets(series: Series[]) {
  return series.map((s, i) => ({
    label: s.label,
    data: s.values,
    borderColor: COLOURS[i % COLOURS.length],
    backgroundColor: COLOURS[i % COLOURS.length],
  }));
}

export function LineChart(props: ChartProps) {
  return (
    <Figure {...props}>
      <Line
        role="img"
        aria-label={props.title}
        data={{ labels: props.labels, datasets: datasets(props.series) }}
        options={{ responsive: true, maintainAspectRatio: false, interaction: { mode: "index", intersect: false }, scales: { y: { beginAtZero: true } } }}
      />
    </Figure>
  );
}

export function BarChart(props: ChartProps) {
  return (
    <Figure {...props}>
      <Bar
        role="img"
        aria-label={props.title}
        data={{ labels: props.labels, datasets: datasets(props.series) }}
        options={{ responsive: true, maintainAspectRatio: false, scales: { y: { beginAtZero: true } } }}
      />
    </Figure>
  );
}
