import { Placeholder } from "../../components/Placeholder";

export default function Search() {
  return <Placeholder name="Search" />;
}
