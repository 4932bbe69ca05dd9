import { Placeholder } from "../../components/Placeholder";

export default function Browse() {
  return <Placeholder name="Browse" />;
}
