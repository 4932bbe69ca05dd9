package dev.lectern.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * DynamoDB Streams records as Lambda delivers them ({@link DynamodbEvent}): the SDK's model of
 * {@code GetRecords} turned into the Lambda events library's, field by field.
 */
final class StreamRecords {

    /** The emulators' region (LocalResources). */
    private static final String REGION = "us-east-1";

    private StreamRecords() {
    }

    static DynamodbEvent toEvent(List<Record> records, String streamArn) {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(records.stream().map(r -> toRecord(r, streamArn)).toList());
        return event;
    }

    static DynamodbEvent.DynamodbStreamRecord toRecord(Record record, String streamArn) {
        DynamodbEvent.DynamodbStreamRecord out = new DynamodbEvent.DynamodbStreamRecord();
        out.setEventID(record.eventID());
        out.setEventName(record.eventNameAsString());
        out.setEventVersion(record.eventVersion());
        out.setEventSource("aws:dynamodb");
        out.setAwsRegion(REGION);
        out.setEventSourceARN(streamArn);
        var change = record.dynamodb();
        StreamRecord stream = new StreamRecord();
        stream.setSequenceNumber(change.sequenceNumber());
        stream.setSizeBytes(change.sizeBytes());
        stream.setStreamViewType(com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType.fromValue(change.streamViewTypeAsString()));
        if (change.approximateCreationDateTime() != null) {
            stream.setApproximateCreationDateTime(Date.from(change.approximateCreationDateTime()));
        }
        stream.setKeys(image(change.keys()));
        if (change.hasNewImage()) {
            stream.setNewImage(image(change.newImage()));
        }
        if (change.hasOldImage()) {
            stream.setOldImage(image(change.oldImage()));
        }
        out.setDynamodb(stream);
        return out;
    }

    /** Does the record's new image have this attribute (the mapping's filter)? */
    static boolean newImageHas(Record record, String attribute) {
        return record.dynamodb().hasNewImage() && record.dynamodb().newImage().containsKey(attribute);
    }

    private static Map<String, AttributeValue> image(Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> image) {
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        image.forEach((name, value) -> out.put(name, value(value)));
        return out;
    }

    private static AttributeValue value(software.amazon.awssdk.services.dynamodb.model.AttributeValue v) {
        AttributeValue out = new AttributeValue();
        switch (v.type()) {
            case S -> out.setS(v.s());
            case N -> out.setN(v.n());
            case B -> out.setB(v.b().asByteBuffer());
            case SS -> out.setSS(v.ss());
            case NS -> out.setNS(v.ns());
            case BS -> out.setBS(v.bs().stream().map(b -> b.asByteBuffer()).toList());
            case M -> out.setM(image(v.m()));
            case L -> out.setL(v.l().stream().map(StreamRecords::value).toList());
            case BOOL -> out.setBOOL(v.bool());
            case NUL -> out.setNULL(true);
            default -> throw new IllegalArgumentException("an attribute of unknown type " + v.type());
        }
        return out;
    }
}
