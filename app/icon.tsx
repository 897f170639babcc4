// Maillage's icon, drawn when first asked for: the mesh of the header's logo, white on the brand's
// green — 192 and 512 pixels, and a maskable one with the margin a phone's mask may cut.
import { ImageResponse } from "next/og";

const SIZES = { "192": { size: 192, inset: 0.14 }, "512": { size: 512, inset: 0.14 }, maskable: { size: 512, inset: 0.26 } } as const;
type IconId = keyof typeof SIZES;

export function generateImageMetadata() {
  return (Object.keys(SIZES) as IconId[]).map((id) => ({ id, size: { width: SIZES[id].size, height: SIZES[id].size }, contentType: "image/png" }));
}

export default async function Icon({ id }: { id: Promise<string | number> }) {
  const { size, inset } = SIZES[String(await id) as IconId] ?? SIZES["192"];
  const drawn = Math.round(size * (1 - 2 * inset));
  return new ImageResponse(
    <div style={{ width: "100%", height: "100%", display: "flex", alignItems: "center", justifyContent: "center", background: "#1d5c4f" }}>
      <svg width={drawn} height={drawn} viewBox="0 0 24 24" fill="none" stroke="#ffffff" strokeWidth="1.6">
        <path d="M3 6h18M3 12h18M3 18h18M6 3v18M12 3v18M18 3v18" opacity=".45" />
        <circle cx="6" cy="18" r="2.2" fill="#ffffff" />
        <circle cx="12" cy="12" r="2.2" fill="#ffffff" />
        <circle cx="18" cy="6" r="2.2" fill="#ffffff" />
      </svg>
    </div>,
    { width: size, height: size },
  );
}
