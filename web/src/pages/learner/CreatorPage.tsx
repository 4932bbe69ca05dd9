import { Placeholder } from "../../components/Placeholder";

export default function CreatorPage() {
  return <Placeholder name="CreatorPage" />;
}
