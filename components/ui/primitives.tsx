// The small building blocks of every page: headings, cards, buttons, badges, empty states.
import Link from "next/link";
import type { ComponentProps, ReactNode } from "react";

export function PageHeader({ title, intro, children }: { title: string; intro?: ReactNode; children?: ReactNode }) {
  return (
    <header className="mb-6 flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
      <div className="max-w-2xl min-w-0">
        <h1 className="text-2xl font-semibold tracking-tight [overflow-wrap:anywhere] sm:text-3xl">{title}</h1>
        {intro ? <p className="mt-2 text-muted">{intro}</p> : null}
      </div>
      {children ? <div className="flex flex-wrap gap-2">{children}</div> : null}
    </header>
  );
}

export function Card({ children, className = "", id }: { children: ReactNode; className?: string; id?: string }) {
  return (
    <section id={id} className={`scroll-mt-4 rounded-xl border border-line bg-white p-5 shadow-sm ${className}`}>
      {children}
    </section>
  );
}

export function SectionTitle({ children, id }: { children: ReactNode; id?: string }) {
  return (
    <h2 id={id} className="mb-3 text-lg font-semibold">
      {children}
    </h2>
  );
}

const buttonStyles = {
  primary: "bg-brand text-white hover:bg-brand-dark",
  secondary: "border border-brand bg-white text-brand hover:bg-brand-soft",
  quiet: "text-brand underline hover:bg-brand-soft",
  danger: "bg-danger text-white hover:bg-red-800",
};

type ButtonVariant = keyof typeof buttonStyles;

const buttonBase =
  "inline-flex min-h-11 items-center justify-center gap-2 rounded-lg px-4 py-2 font-medium no-underline transition disabled:cursor-not-allowed disabled:opacity-60";

export function Button({ variant = "primary", className = "", ...props }: ComponentProps<"button"> & { variant?: ButtonVariant }) {
  return <button className={`${buttonBase} ${buttonStyles[variant]} ${className}`} {...props} />;
}

export function ButtonLink({ variant = "primary", className = "", ...props }: ComponentProps<typeof Link> & { variant?: ButtonVariant }) {
  return <Link className={`${buttonBase} ${buttonStyles[variant]} ${className}`} {...props} />;
}

export function Badge({ children, tone = "neutral" }: { children: ReactNode; tone?: "neutral" | "good" | "warn" }) {
  const tones = {
    neutral: "bg-stone-100 text-ink",
    good: "bg-brand-soft text-brand-dark",
    warn: "bg-amber-100 text-amber-900",
  };
  return <span className={`inline-block rounded-full px-2.5 py-0.5 text-sm ${tones[tone]}`}>{children}</span>;
}

export function EmptyState({ children, action }: { children: ReactNode; action?: ReactNode }) {
  return (
    <div className="rounded-xl border border-dashed border-line bg-white/60 p-6 text-center">
      <p className="text-muted">{children}</p>
      {action ? <div className="mt-4 flex flex-wrap justify-center gap-2">{action}</div> : null}
    </div>
  );
}

export function Alert({ children, tone = "danger" }: { children: ReactNode; tone?: "danger" | "success" }) {
  const tones = { danger: "border-danger bg-red-50 text-danger", success: "border-brand bg-brand-soft text-brand-dark" };
  return (
    <p role={tone === "danger" ? "alert" : "status"} className={`rounded-lg border-l-4 px-4 py-3 ${tones[tone]}`}>
      {children}
    </p>
  );
}
