import { Placeholder } from "../../components/Placeholder";

export default function CreatorAnalytics() {
  return <Placeholder name="CreatorAnalytics" />;
}
