ALTER TABLE "project" ADD COLUMN "sector_detail" text DEFAULT '' NOT NULL;--> statement-breakpoint
-- Each free-text sector becomes a key of the list, the way server/domain/sectors.ts reads a typed one:
-- a known spelling of the whole value or of its first part; else « autre », the words kept as its precision.
UPDATE "project" SET "sector" = coalesce(mapped.known, 'autre'),
  "sector_detail" = case when mapped.known is null and mapped.whole not in ('autre', 'autres', 'divers') then left(trim(mapped.sector), 120) else '' end
FROM (
  SELECT id, sector, whole,
    coalesce(
      case
      when whole in ('alimentation', 'alimentaire', 'epicerie', 'circuits courts', 'circuit court', 'restauration', 'cantine') then 'alimentation'
      when whole in ('agriculture', 'agricole', 'maraichage', 'ferme', 'elevage') then 'agriculture'
      when whole in ('commerce', 'commerce de proximite', 'services de proximite', 'boutique', 'cafe', 'bar') then 'commerce'
      when whole in ('tiers lieu', 'tiers lieux', 'tiers') then 'tiers_lieu'
      when whole in ('habitat', 'logement', 'habitat partage', 'habitat participatif') then 'habitat'
      when whole in ('mobilite', 'mobilites', 'transport', 'velo', 'covoiturage', 'garage solidaire') then 'mobilite'
      when whole in ('energie', 'energies renouvelables', 'energie renouvelable', 'solaire', 'eolien', 'photovoltaique') then 'energie'
      when whole in ('reemploi', 'recyclerie', 'ressourcerie', 'economie circulaire', 'recyclage', 'reparation') then 'reemploi'
      when whole in ('insertion', 'emploi', 'emploi et insertion', 'iae') then 'insertion'
      when whole in ('social', 'action sociale', 'solidarite', 'economie sociale', 'ess') then 'social'
      when whole in ('sante', 'soin', 'soins', 'medical', 'maison de sante') then 'sante'
      when whole in ('education', 'jeunesse', 'formation', 'enfance', 'ecole') then 'education'
      when whole in ('culture', 'culturel', 'patrimoine', 'spectacle', 'arts') then 'culture'
      when whole in ('tourisme', 'touristique', 'hebergement', 'gite') then 'tourisme'
      when whole in ('environnement', 'biodiversite', 'nature', 'eau', 'dechets') then 'environnement'
      when whole in ('bois', 'filiere bois', 'foret', 'forestier', 'menuiserie') then 'bois'
      when whole in ('numerique', 'informatique', 'internet', 'mediation numerique') then 'numerique'
      when whole in ('cooperation', 'cooperation economique', 'ptce', 'pole territorial de cooperation economique', 'cae') then 'cooperation'
      end,
      case
      when first_part in ('alimentation', 'alimentaire', 'epicerie', 'circuits courts', 'circuit court', 'restauration', 'cantine') then 'alimentation'
      when first_part in ('agriculture', 'agricole', 'maraichage', 'ferme', 'elevage') then 'agriculture'
      when first_part in ('commerce', 'commerce de proximite', 'services de proximite', 'boutique', 'cafe', 'bar') then 'commerce'
      when first_part in ('tiers lieu', 'tiers lieux', 'tiers') then 'tiers_lieu'
      when first_part in ('habitat', 'logement', 'habitat partage', 'habitat participatif') then 'habitat'
      when first_part in ('mobilite', 'mobilites', 'transport', 'velo', 'covoiturage', 'garage solidaire') then 'mobilite'
      when first_part in ('energie', 'energies renouvelables', 'energie renouvelable', 'solaire', 'eolien', 'photovoltaique') then 'energie'
      when first_part in ('reemploi', 'recyclerie', 'ressourcerie', 'economie circulaire', 'recyclage', 'reparation') then 'reemploi'
      when first_part in ('insertion', 'emploi', 'emploi et insertion', 'iae') then 'insertion'
      when first_part in ('social', 'action sociale', 'solidarite', 'economie sociale', 'ess') then 'social'
      when first_part in ('sante', 'soin', 'soins', 'medical', 'maison de sante') then 'sante'
      when first_part in ('education', 'jeunesse', 'formation', 'enfance', 'ecole') then 'education'
      when first_part in ('culture', 'culturel', 'patrimoine', 'spectacle', 'arts') then 'culture'
      when first_part in ('tourisme', 'touristique', 'hebergement', 'gite') then 'tourisme'
      when first_part in ('environnement', 'biodiversite', 'nature', 'eau', 'dechets') then 'environnement'
      when first_part in ('bois', 'filiere bois', 'foret', 'forestier', 'menuiserie') then 'bois'
      when first_part in ('numerique', 'informatique', 'internet', 'mediation numerique') then 'numerique'
      when first_part in ('cooperation', 'cooperation economique', 'ptce', 'pole territorial de cooperation economique', 'cae') then 'cooperation'
      end) AS known
  FROM (SELECT id, sector, trim(regexp_replace(translate(lower(sector), 'àâäáãåéèêëíìîïóòôöõúùûüçœæñ', 'aaaaaaeeeeiiiiooooouuuucoan'), '[^a-z0-9]+', ' ', 'g')) AS whole, trim(regexp_replace(translate(lower(regexp_replace(sector, '\s*([,;/(]| et ).*$', '')), 'àâäáãåéèêëíìîïóòôöõúùûüçœæñ', 'aaaaaaeeeeiiiiooooouuuucoan'), '[^a-z0-9]+', ' ', 'g')) AS first_part FROM "project" WHERE sector <> '' AND sector NOT IN ('alimentation', 'agriculture', 'commerce', 'tiers_lieu', 'habitat', 'mobilite', 'energie', 'reemploi', 'insertion', 'social', 'sante', 'education', 'culture', 'tourisme', 'environnement', 'bois', 'numerique', 'cooperation', 'autre')) typed
) mapped
WHERE "project".id = mapped.id;--> statement-breakpoint
ALTER TABLE "project" ADD CONSTRAINT "project_sector_listed" CHECK (sector in ('', 'alimentation', 'agriculture', 'commerce', 'tiers_lieu', 'habitat', 'mobilite', 'energie', 'reemploi', 'insertion', 'social', 'sante', 'education', 'culture', 'tourisme', 'environnement', 'bois', 'numerique', 'cooperation', 'autre'));