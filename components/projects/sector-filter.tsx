// The sector filter of a list of projects: the fixed list, « all » first, named `secteur` in the address.
import { getTranslations } from "next-intl/server";
import { SelectField } from "@/components/ui/field";
import { SECTORS, type Sector } from "@/server/domain/sectors";

export async function SectorFilter({ id, label, allLabel, selected }: { id: string; label: string; allLabel: string; selected: Sector | undefined }) {
  const tsec = await getTranslations("sectors");
  return (
    <SelectField id={id} name="secteur" label={label} defaultValue={selected ?? ""}>
      <option value="">{allLabel}</option>
      {SECTORS.map((option) => (
        <option key={option} value={option}>
          {tsec(option)}
        </option>
      ))}
    </SelectField>
  );
}
