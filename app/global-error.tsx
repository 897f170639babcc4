"use client";
// When even the layout could not render (the database is away and the header needs it): a plain
// page of its own, in both languages, that tries again.
import "./globals.css";

export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="fr">
      <body className="min-h-screen font-sans antialiased">
        <main className="mx-auto max-w-xl px-4 py-16" role="alert">
          <h1 className="text-2xl font-semibold">Service momentanément indisponible</h1>
          <p className="mt-2">Maillage n&apos;a pas pu répondre à l&apos;instant : rien n&apos;a été enregistré à moitié. Réessayez dans quelques secondes.</p>
          <p lang="en" className="mt-2 text-muted">
            Service temporarily unavailable: nothing was half-saved. Try again in a few seconds.
          </p>
          <button type="button" onClick={() => reset()} className="mt-6 min-h-11 rounded-lg bg-brand px-4 py-2 font-medium text-white">
            Réessayer
          </button>
        </main>
      </body>
    </html>
  );
}
