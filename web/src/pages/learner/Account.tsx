import { Placeholder } from "../../components/Placeholder";

export default function Account() {
  return <Placeholder name="Account" />;
}
