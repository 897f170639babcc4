// A map of France's départements coloured by one figure, each area a link to its page with an
// accessible name; grouped by région when the areas are régions. The same figures stand in a
// table beside it, for screen readers and for printing.
import { DEPARTEMENT_PATHS, FRANCE_VIEWBOX } from "./france-geometry";

/** The fill of each class of the legend, from « none » (0) to the highest (5). */
export const CLASS_FILLS = ["fill-stone-200", "fill-emerald-100", "fill-emerald-300", "fill-emerald-500", "fill-emerald-700", "fill-emerald-900"] as const;

export type MapArea = {
  key: string;
  /** The accessible name: the territory and its value, said in words. */
  label: string;
  href: string;
  /** 0 for none or secret, 1–5 for the legend's classes. */
  valueClass: number;
  departementCodes: string[];
};

export function FranceMap({ areas, title, inactiveDepartements = [] }: { areas: MapArea[]; title: string; inactiveDepartements?: string[] }) {
  return (
    <svg viewBox={FRANCE_VIEWBOX} className="h-auto w-full max-w-xl" aria-labelledby="carte-titre" role="group">
      <title id="carte-titre">{title}</title>
      {inactiveDepartements.map((code) => {
        const path = DEPARTEMENT_PATHS.get(code);
        return path ? <path key={code} d={path} className="fill-stone-100 stroke-white" strokeWidth={0.6} aria-hidden="true" /> : null;
      })}
      {areas.map((area) => {
        const paths = area.departementCodes.flatMap((code) => {
          const path = DEPARTEMENT_PATHS.get(code);
          return path ? [{ code, path }] : [];
        });
        if (paths.length === 0) return null;
        return (
          <a key={area.key} href={area.href} aria-label={area.label} className="group focus:outline-none">
            <title>{area.label}</title>
            {paths.map(({ code, path }) => (
              <path
                key={code}
                d={path}
                className={`${CLASS_FILLS[area.valueClass] ?? CLASS_FILLS[0]} stroke-white group-hover:opacity-80 group-focus-visible:stroke-ink`}
                strokeWidth={0.6}
              />
            ))}
          </a>
        );
      })}
    </svg>
  );
}
