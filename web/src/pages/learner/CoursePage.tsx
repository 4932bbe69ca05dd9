import { Placeholder } from "../../components/Placeholder";

export default function CoursePage() {
  return <Placeholder name="CoursePage" />;
}
