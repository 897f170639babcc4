"use client";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/primitives";

export function PrintButton() {
  const t = useTranslations("print");
  return (
    <Button type="button" className="print:hidden" onClick={() => window.print()}>
      {t("print")}
    </Button>
  );
}
