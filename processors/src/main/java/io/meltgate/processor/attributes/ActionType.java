package io.meltgate.processor.attributes;

/** The actions of the attributes and resource processors, as the Collector names them. */
public enum ActionType {
    INSERT, UPDATE, UPSERT, DELETE, HASH, EXTRACT, CONVERT
}
