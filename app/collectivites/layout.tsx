export { default } from "@/components/trpc-layout";
