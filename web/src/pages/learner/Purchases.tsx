import { Placeholder } from "../../components/Placeholder";

export default function Purchases() {
  return <Placeholder name="Purchases" />;
}
