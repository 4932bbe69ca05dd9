import { Placeholder } from "../../components/Placeholder";

export default function OrderPage() {
  return <Placeholder name="OrderPage" />;
}
