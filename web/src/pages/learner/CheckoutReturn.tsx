import { Placeholder } from "../../components/Placeholder";

export default function CheckoutReturn({ outcome }: { outcome: "success" | "cancel" }) {
  return <Placeholder name={"CheckoutReturn " + outcome} />;
}
