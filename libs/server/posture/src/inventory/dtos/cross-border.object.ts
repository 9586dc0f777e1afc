import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { MAX_EXTRACTIONS } from '../cross-border.service.js';

@ObjectType('CountryActivity')
export class CountryActivityObject {
  @Field(() => String, { description: 'ISO 3166 alpha-2, "internal" for private addresses, "unknown" when not located' }) country!: string;
  @Field(() => Boolean) approved!: boolean;
  @Field(() => Int) events!: number;
  @Field(() => Float) bytes!: number;
}

@ObjectType('CountryDay')
export class CountryDayObject {
  @Field(() => Date) day!: Date;
  @Field(() => String) country!: string;
  @Field(() => Int) events!: number;
  @Field(() => Float) bytes!: number;
}

@ObjectType('OffshoreIdentity', { description: 'Works outside the approved countries and holds production entitlements' })
export class OffshoreIdentityObject {
  @Field(() => ID) identityId!: string;
  @Field(() => String) name!: string;
  @Field(() => String) workCountry!: string;
  @Field(() => [String]) productionEntitlements!: string[];
  @Field(() => String, { nullable: true, description: 'Scope of the approval covering their work country (valid first, else the latest expired)' })
  approval!: string | null;
  @Field(() => Date, { nullable: true }) approvalExpiresAt!: Date | null;
}

@ObjectType('VolumePoint')
export class VolumePointObject {
  @Field(() => Date) day!: Date;
  @Field(() => Float) bytes!: number;
  @Field(() => Float, { nullable: true, description: "Median daily bytes of the subject's own trailing window; null without one" }) baseline!: number | null;
}

@ObjectType('BulkExtraction', { description: 'A BULK_EXTRACTION finding with its daily volume against baseline' })
export class BulkExtractionObject {
  @Field(() => ID) findingId!: string;
  @Field(() => String) principal!: string;
  @Field(() => String, { nullable: true }) credentialExternalId!: string | null;
  @Field(() => Date) startedOn!: Date;
  @Field(() => Float) peakBytes!: number;
  @Field(() => [VolumePointObject]) series!: VolumePointObject[];
}

@ObjectType('BulkExtractionTotals', { description: 'Every bulk extraction seen in the window, including those not listed' })
export class BulkExtractionTotalsObject {
  @Field(() => Int) count!: number;
  @Field(() => Float, { description: 'Bytes moved by all of them, each from the day it started to the end of the window' }) totalBytes!: number;
}

@ObjectType('CrossBorderAccess')
export class CrossBorderAccessObject {
  @Field(() => [CountryActivityObject]) byCountry!: CountryActivityObject[];
  @Field(() => [CountryDayObject]) daily!: CountryDayObject[];
  @Field(() => [OffshoreIdentityObject]) offshoreIdentities!: OffshoreIdentityObject[];
  @Field(() => [BulkExtractionObject], { description: `The most severe first, at most ${MAX_EXTRACTIONS}: see bulkExtractionTotals for all of them` }) bulkExtractions!: BulkExtractionObject[];
  @Field(() => BulkExtractionTotalsObject) bulkExtractionTotals!: BulkExtractionTotalsObject;
}
