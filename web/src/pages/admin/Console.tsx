import { Placeholder } from "../../components/Placeholder";

export default function Console() {
  return <Placeholder name="Console" />;
}
