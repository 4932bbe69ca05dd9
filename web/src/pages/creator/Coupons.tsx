import { Placeholder } from "../../components/Placeholder";

export default function Coupons() {
  return <Placeholder name="Coupons" />;
}
