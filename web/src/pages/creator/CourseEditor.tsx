import { Placeholder } from "../../components/Placeholder";

export default function CourseEditor() {
  return <Placeholder name="CourseEditor" />;
}
