import { Placeholder } from "../../components/Placeholder";

export default function Earnings() {
  return <Placeholder name="Earnings" />;
}
