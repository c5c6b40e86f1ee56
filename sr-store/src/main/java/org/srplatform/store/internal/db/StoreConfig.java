package org.srplatform.store.internal.db;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(pid = "org.srplatform.store", name = "SR store",
        description = "Where the store keeps its data: the embedded Derby database and its files.")
public @interface StoreConfig {

    @AttributeDefinition(name = "JDBC URL",
            description = "An embedded Derby URL (jdbc:derby:...). Empty: jdbc:derby:<data folder>/db;create=true")
    String jdbc_url() default "";

    @AttributeDefinition(name = "Data folder",
            description = "Empty: data.dir of org.srplatform.platform, or ./data when that is not set")
    String data_dir() default "";
}
