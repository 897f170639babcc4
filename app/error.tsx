"use client";
// What a page shows when rendering it failed — most often the database being away for a moment.
import { useTranslations } from "next-intl";
import { Button, ButtonLink, PageHeader } from "@/components/ui/primitives";

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errorPage");
  return (
    <div className="mx-auto max-w-xl" role="alert">
      <PageHeader title={t("title")} intro={t("body")} />
      <div className="flex flex-wrap gap-2">
        <Button type="button" onClick={() => reset()}>
          {t("retry")}
        </Button>
        <ButtonLink href="/" variant="secondary">
          {t("home")}
        </ButtonLink>
      </div>
    </div>
  );
}
