import { Placeholder } from "../../components/Placeholder";

export default function Library() {
  return <Placeholder name="Library" />;
}
